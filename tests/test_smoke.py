from conftest import assert_refused


def test_people_add_and_list(cli):
    res = cli.ok("people", "add", "张世杰", "--role", "approver")
    assert res.stdout.strip() == "RY-0001"
    res = cli.ok("people", "list", "-f", "json")
    assert '"张世杰"' in res.stdout


def test_unknown_person_is_exit_2(cli):
    assert_refused(cli, 2, "people", "leave", "nobody", contains="No person matches 'nobody'")

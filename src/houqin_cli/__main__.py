from houqin_cli.app import main

main()

"""The school year: terms today; holidays, 调休 and recurring tasks as the calendar lands."""

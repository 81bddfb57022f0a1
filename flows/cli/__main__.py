from nightdesk.cli import app

app()

from chidao.cli import app

app()

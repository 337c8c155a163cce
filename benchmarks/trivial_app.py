"""The yardstick of the load benchmark (benchmarks.load): one Flask view answering a short
text, no database, no templates, served by gunicorn with the app's settings, so each of the
app's rates can be read as a fraction of what Flask and gunicorn alone manage here.

    gunicorn -c benchmarks/gunicorn_load.py -w 2 benchmarks.trivial_app:app
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello"

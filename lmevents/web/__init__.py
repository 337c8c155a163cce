"""What the HTML pages share: form plumbing, the viewer's language and zone, URL converters
and the one error handler of the app."""

"""`catalogtool site`: the documents as a static website to publish on a county's portal.

One job per module: `model` groups the validated documents into editions (a region's
documents of one year) and townships; `views` turns documents into what templates
show; `changes` words the diff between two years; `data` makes the downloads, the
search index and the open-data index; `render` runs the Jinja2 templates; `build`
puts the pages together; `output` writes the folder and swaps it in atomically.
Nothing here prints or parses options (catalogtool.cli.site does).
"""

"""One module per command of ``statute-site``.

Each module has ``register(subparsers)``, which adds its command's parser and sets
``func`` to the function that runs it (``run(args) -> exit status``).  :mod:`generator.cli`
lists them in :data:`COMMANDS`.
"""

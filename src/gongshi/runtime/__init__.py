"""How the build runs: every threshold (settings.py) and every process, thread and fork (processes.py).

The bottom layer beside model/: any layer may use it, and it imports no other gongshi code."""

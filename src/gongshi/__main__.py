import sys

from gongshi.cli import main

sys.exit(main())

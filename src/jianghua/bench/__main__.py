import sys

from jianghua.bench.run import main

sys.exit(main())

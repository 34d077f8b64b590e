"""``python -m popup_client.cli``: the same as ``popup-client``."""

import sys

from . import main

sys.exit(main())

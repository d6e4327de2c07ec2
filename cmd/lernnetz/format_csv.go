package main

import _ "github.com/lernnetz/lernnetz/exchange/csvfmt" // the CSV template format

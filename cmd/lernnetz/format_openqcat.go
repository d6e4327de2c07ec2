package main

import _ "github.com/lernnetz/lernnetz/exchange/openqcat" // open-Qcat, KURSNET's format

#!/usr/bin/env bash
# npm start: for now one dev chain in the foreground (Ctrl-C stops it). The multi-chain hierarchy
# (TSO, DSOs, local grids linked by Hermes) replaces this once it exists.
exec bash "$(dirname "${BASH_SOURCE[0]}")/devnode.sh" --foreground "$@"

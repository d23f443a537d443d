# shellcheck shell=bash disable=SC2034 # used by the scripts that source this file
# The parts of the local infrastructure scripts/infra.sh runs, in the order it starts them.
INFRA_PARTS=(kafka opensearch mongo redis smtp s3)

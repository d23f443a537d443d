//go:build tools

// Package tools pins SeaweedFS for scripts/infra.sh, which builds its `weed` command
// (github.com/seaweedfs/seaweedfs/weed) from this module's go.mod: the S3 server of the
// local infrastructure. The build tag keeps the main package from being compiled into anything.
package tools

import _ "github.com/seaweedfs/seaweedfs/weed"

//go:build !unix

package docgen

import "os/exec"

// killGroup leaves the default cancellation (kill the process) elsewhere.
func killGroup(cmd *exec.Cmd) {}

//go:build unix

package docgen

import (
	"os/exec"
	"syscall"
)

// killGroup starts the command in its own process group and, on
// cancellation, kills the whole group: the soffice launcher forks the real
// office process, which would otherwise outlive a timeout.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

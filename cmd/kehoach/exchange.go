package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// writeEdXML writes the plan's final result report as an edXML package.
func writeEdXML(ctx context.Context, e *env, svc *ops.Service, sys *kehoach.Actor, planID, out string) error {
	f, err := svc.SummaryEdXML(ctx, sys, planID)
	if err != nil {
		if c := kehoach.ErrorCode(err); c != kehoach.EINTERNAL {
			return &exitError{code: 1, msg: "kehoach summary: " + kehoach.ErrorMessage(err)}
		}
		return err
	}
	if out == "-" {
		_, err := e.stdout.Write(f.Data)
		return err
	}
	if err := os.WriteFile(out, f.Data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "kehoach summary: %s (edXML, %d bytes)\n", out, len(f.Data))
	return nil
}

func cmdExchange(ctx context.Context, e *env, args []string) error {
	return runVerbs(ctx, e, "exchange", []verb{
		{"token", "--agency AGENCY_ID --plan PLAN_ID   (on the superior's kehoach: a token for the agency to send its report on the plan)", func(fs *flag.FlagSet) action {
			var in ops.ExchangeTokenInput
			fs.StringVar(&in.AgencyID, "agency", "", "id of the agency that will send its report")
			fs.StringVar(&in.PlanID, "plan", "", "id of the plan the agency reports on (the superior's plan)")
			return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
				t, err := svc.IssueExchangeToken(ctx, a, in)
				if err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, t.Token)
				return nil
			}
		}},
		{"send", "--plan PLAN_ID --to URL --token TOKEN [--parent-plan ID] [--agency ID]   (send the plan's final result report to the superior's kehoach)", func(fs *flag.FlagSet) action {
			planID := fs.String("plan", "", "id of this kehoach's plan whose final result report is sent")
			to := fs.String("to", "", "address of the superior's kehoach (https://…)")
			token := fs.String("token", "", "the exchange token the superior issued")
			parent := fs.String("parent-plan", "", "the superior's plan id (default: the one the token names)")
			agency := fs.String("agency", "", "the superior's id of this agency (default: the one the token names)")
			return func(ctx context.Context, svc *ops.Service, a *kehoach.Actor) error {
				ag, pl := ops.ExchangeTokenIDs(*token)
				if *parent != "" {
					pl = *parent
				}
				if *agency != "" {
					ag = *agency
				}
				if *planID == "" || *to == "" || *token == "" {
					return &exitError{code: 2, msg: "kehoach exchange send: cần --plan, --to và --token (--plan, --to and --token are required)"}
				}
				pkg, err := svc.ReportPackage(ctx, a, ops.ReportPackageInput{PlanID: *planID, ParentPlanID: pl, ParentAgencyID: ag})
				if err != nil {
					return err
				}
				status, msg, err := sendPackage(ctx, *to, *token, pkg)
				if err != nil {
					return &exitError{code: 1, msg: "kehoach exchange send: " + err.Error()}
				}
				switch status {
				case http.StatusCreated:
					fmt.Fprintf(e.stdout, "kehoach exchange send: đã gửi báo cáo số %s (sent)\n", kehoach.FormatDocNumber(pkg.Report.Number, pkg.Report.Symbol))
				case http.StatusOK:
					fmt.Fprintf(e.stdout, "kehoach exchange send: cơ quan cấp trên đã có báo cáo số %s, không có gì thay đổi (already received)\n", kehoach.FormatDocNumber(pkg.Report.Number, pkg.Report.Symbol))
				default:
					return &exitError{code: 1, msg: fmt.Sprintf("kehoach exchange send: cơ quan cấp trên từ chối (%d): %s", status, msg)}
				}
				return nil
			}
		}},
	}, args)
}

// sendPackage posts pkg to the superior's kehoach at base with token; it
// returns the status and the error message of a refusal.
func sendPackage(ctx context.Context, base, token string, pkg *kehoach.ReportPackage) (int, string, error) {
	body, err := json.Marshal(pkg)
	if err != nil {
		return 0, "", err
	}
	u := strings.TrimRight(base, "/") + "/api/v1/exchange/reports"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return 0, "", fmt.Errorf("địa chỉ không hợp lệ: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	c := &http.Client{Timeout: 2 * time.Minute}
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("không gửi được đến %s: %v", u, err)
	}
	defer resp.Body.Close()
	var out struct {
		Error struct {
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	_ = json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&out)
	msg := out.Error.Message
	for k, v := range out.Error.Fields {
		if v != msg {
			msg += " " + k + ": " + v
		}
	}
	return resp.StatusCode, msg, nil
}

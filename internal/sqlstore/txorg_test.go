package sqlstore

import (
	"context"
	"testing"

	"github.com/kehoach/kehoach"
)

// TestTxOrgSeesItsOwnWrites: a transaction keeps the units and active
// people it read for its notices, and a unit or person it then writes is
// in what it reads next (the kept copy is dropped by the write).
func TestTxOrgSeesItsOwnWrites(t *testing.T) {
	db := openGroup(t, Options{})
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx := kehoach.NewContextWithActor(context.Background(), kehoach.SystemActor("test"))
	err := db.InTx(ctx, func(tx *Tx) error {
		if err := tx.createUnit(&kehoach.OrgUnit{ID: "ag", Kind: kehoach.UnitAgency, Name: "Sở A"}); err != nil {
			return err
		}
		tree, err := tx.obstacleTree()
		if err != nil {
			return err
		}
		people, err := tx.activePeople()
		if err != nil {
			return err
		}
		if again, _ := tx.obstacleTree(); again != tree {
			t.Error("the tree was read again without a write")
		}
		if err := tx.createUnit(&kehoach.OrgUnit{ID: "ag-p", Kind: kehoach.UnitDivision, Name: "Phòng B", ParentID: "ag"}); err != nil {
			return err
		}
		if err := tx.createPerson(&kehoach.Person{Username: "moi", FullName: "Người Mới", UnitID: "ag-p", Roles: []kehoach.Role{kehoach.RoleOffice}, Active: true}, ""); err != nil {
			return err
		}
		if tree, err = tx.obstacleTree(); err != nil || tree.Unit("ag-p") == nil {
			t.Errorf("the tree after a unit was added: %v, %v", tree.Unit("ag-p"), err)
		}
		after, err := tx.activePeople()
		if err != nil || len(after) != len(people)+1 {
			t.Errorf("active people: %d then %d (%v)", len(people), len(after), err)
		}
		office, err := tx.officeOf("ag-p")
		if err != nil || len(office) != 1 || office[0].name != "Người Mới" {
			t.Errorf("office of the new unit: %+v, %v", office, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

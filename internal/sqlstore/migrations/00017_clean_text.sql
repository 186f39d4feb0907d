-- +goose Up
-- Texts older versions stored (a NUL byte, invalid UTF-8, control
-- characters, decomposed accents) are cleaned by Go after this migration
-- (sqlstore.cleanStoredText): SQL alone cannot do it on both engines.
SELECT 1;

-- +goose Down
SELECT 1;

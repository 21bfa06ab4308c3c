#!/usr/bin/env bash
# A regional information system's nightly job: load the region's school list, then download a wave's participation.
# It uses a service token (Администрирование → Токены API) with the permissions roster:import and participation:read;
# no person's password, no cookie, no CSRF header. Needs bash and curl 7.87 or later.
#
#   API=https://survey.example.ru TOKEN=sk500_… WAVE=12 ./roster-and-participation.sh schools.csv
#
# Writes roster-preview.json, participation-<wave>.json and participation-<wave>.csv into the current folder.
# Any refusal stops the script with the server's answer: { statusCode, code, message }, `message` says what to fix.
set -euo pipefail
: "${API:?set API to the server address, e.g. https://survey.example.ru}"
: "${TOKEN:?set TOKEN to the service token}"
: "${WAVE:?set WAVE to the wave id (GET /api/waves lists them)}"
file=${1:?give the school list, a CSV or XLSX file}

call() { curl --silent --show-error --fail-with-body --header "Authorization: Bearer $TOKEN" "$@"; }

# 1. What the file would change, and every error with its line, column and code. Writes nothing.
call --data-binary @"$file" "$API/api/admin/roster/preview" >roster-preview.json

# 2. Apply it: every row in one transaction, or 400 roster_invalid (errors in `details`) and nothing written.
#    A new school that looks like one already there needs confirmLookAlikes=true after a person checked the preview.
call --data-binary @"$file" --url-query "filename=$(basename "$file")" "$API/api/admin/roster"
echo

# 3. The wave's participation against its target: JSON for a dashboard, CSV for a spreadsheet.
call --output "participation-$WAVE.json" "$API/api/waves/$WAVE/participation"
call --output "participation-$WAVE.csv" "$API/api/waves/$WAVE/participation.csv"
echo "participation of wave $WAVE saved to participation-$WAVE.json and participation-$WAVE.csv"

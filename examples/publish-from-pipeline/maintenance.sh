#!/usr/bin/env bash
# Announce, start and complete a planned maintenance window from a deployment pipeline,
# with curl against a Statuskit feed's admin API.
#
#   export STATUSKIT_FEED=https://status.example/v1
#   export STATUSKIT_TOKEN=…            # the authority's admin token (a CI secret)
#   id=$(./maintenance.sh announce tax-return 2026-03-14T22:00:00+01:00 2026-03-15T02:00:00+01:00 \
#          "Planlagt vedligeholdelse" "Planned maintenance" \
#          "Selvbetjeningen er lukket." "The self-service is closed.")
#   ./maintenance.sh start "$id"        # when the deployment begins
#   ./maintenance.sh complete "$id"     # when it is done (or: cancel "$id")
#
# Exits non-zero, printing the feed's error, when a request is refused. Prints the feed's
# warnings (e.g. announced later than the service's notice period) to stderr without failing.
set -euo pipefail

feed="${STATUSKIT_FEED:?set STATUSKIT_FEED to the feed base URL, e.g. https://status.example/v1}"
token="${STATUSKIT_TOKEN:?set STATUSKIT_TOKEN to the authority admin token}"

# JSON string literal for a shell value (quotes, backslashes and control characters escaped).
json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  printf '"%s"' "$s"
}

# JSON string contents → text: \" and \\ unescaped (enough for the feed's sentences).
unescape() {
  sed -E 's/\\"/"/g; s/\\\\/\\/g'
}

# The feed's "error" sentence from a JSON answer; the whole answer when it has none (a proxy's
# HTML page, say).
error_of() {
  local text
  text=$(printf '%s' "$1" | grep -oE '"error":"([^"\\]|\\.)*"' | head -n 1 |
    sed -E 's/^"error":"(.*)"$/\1/' | unescape) || true
  printf '%s' "${text:-$1}"
}

# One line per warning in an accepted answer: "notice_period: announced 1.2 days ahead, …".
warnings_of() {
  printf '%s' "$1" | grep -oE '\{"code":"[a-z_]+","path":"[^"]*","message":"([^"\\]|\\.)*"\}' |
    sed -E 's/^\{"code":"([a-z_]+)","path":"[^"]*","message":"(.*)"\}$/\1: \2/' | unescape || true
}

# Sends one admin request; prints the response body; fails on any non-2xx status, printing the
# feed's error. Warnings in an accepted answer go to stderr and do not fail the pipeline.
admin() {
  local method=$1 path=$2 body=$3 response status warning
  response=$(curl --silent --show-error --max-time 20 --retry 3 --retry-connrefused \
    -X "$method" "$feed/admin/$path" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data "$body" --write-out $'\n%{http_code}')
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  if [[ $status != 2* ]]; then
    echo "statuskit: $method $path was refused ($status): $(error_of "$response")" >&2
    exit 1
  fi
  while IFS= read -r warning; do
    echo "statuskit: warning: $warning" >&2
  done < <(warnings_of "$response")
  printf '%s\n' "$response"
}

# The "id" of the maintenance object in an admin response.
maintenance_id() {
  sed -n 's/.*"maintenance":{"id":"\([a-z0-9-]*\)".*/\1/p'
}

command=${1:-}
case "$command" in
  announce)
    [[ $# -eq 8 ]] || { echo "usage: $0 announce SERVICE START END TITLE_DA TITLE_EN MESSAGE_DA MESSAGE_EN" >&2; exit 2; }
    body="{\"services\":[$(json_string "$2")],\"scheduledStart\":$(json_string "$3"),\"scheduledEnd\":$(json_string "$4"),"
    body+="\"title\":{\"da\":$(json_string "$5"),\"en\":$(json_string "$6")},"
    body+="\"message\":{\"da\":$(json_string "$7"),\"en\":$(json_string "$8")},\"keepsWork\":true}"
    admin POST maintenance "$body" | maintenance_id
    ;;
  start | complete | cancel)
    [[ $# -eq 2 ]] || { echo "usage: $0 $command MAINTENANCE_ID" >&2; exit 2; }
    state=$([[ $command == start ]] && echo in_progress || ([[ $command == complete ]] && echo completed || echo cancelled))
    admin PATCH "maintenance/$2" "{\"state\":\"$state\"}" >/dev/null
    echo "$2: $state"
    ;;
  *)
    echo "usage: $0 announce|start|complete|cancel …  (see the comment at the top)" >&2
    exit 2
    ;;
esac

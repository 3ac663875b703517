#!/usr/bin/env bash
# veille's nightly wrapper for cron.
# - never two runs at once: flock on the database's lock file (exit 3 when it is held, as veille itself);
# - an optional environment file (SMTP credentials, VEILLE_* paths): $VEILLE_ENV or /etc/veille/env;
# - one log file per day in $VEILLE_LOGS (default ./logs), logs older than 30 days removed;
# - veille's exit code passed through, so cron's MAILTO mails you only when something needs you.
set -uo pipefail

VEILLE_HOME=${VEILLE_HOME:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$VEILLE_HOME" || exit 2
ENV_FILE=${VEILLE_ENV:-/etc/veille/env}
if [ -r "$ENV_FILE" ]; then set -a; . "$ENV_FILE"; set +a; fi

VEILLE_BIN=${VEILLE_BIN:-$VEILLE_HOME/.build/release/veille}
DB=${VEILLE_DB:-$VEILLE_HOME/veille.sqlite}
LOGS=${VEILLE_LOGS:-$VEILLE_HOME/logs}
mkdir -p "$LOGS" || exit 2
LOG="$LOGS/veille-$(date -u +%Y-%m-%d).log"
find "$LOGS" -name 'veille-*.log' -type f -mtime +30 -delete 2>/dev/null

if [ ! -x "$VEILLE_BIN" ]; then
  echo "veille binary not found at $VEILLE_BIN (build it with: make release)" | tee -a "$LOG" >&2
  exit 2
fi

exec 9>>"$DB.cron.lock"
if ! flock -n 9; then
  echo "$(date -u +%FT%TZ) another veille run is in progress; not starting" | tee -a "$LOG" >&2
  exit 3
fi

echo "=== $(date -u +%FT%TZ) veille run $*" >>"$LOG"
"$VEILLE_BIN" run --config "${VEILLE_CONFIG:-$VEILLE_HOME/Feeds}" --db "$DB" --out "${VEILLE_OUT:-$VEILLE_HOME/digests}" "$@" >>"$LOG" 2>&1
code=$?
echo "=== $(date -u +%FT%TZ) exit $code" >>"$LOG"
if [ $code -ne 0 ]; then
  # cron mails what a job prints: print only when something needs a person.
  echo "veille exited $code; see $LOG" >&2
  tail -n 20 "$LOG" >&2
fi
exit $code

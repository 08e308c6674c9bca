#!/bin/sh
# Installs safepassage on Debian 12 with PostgreSQL and nginx, as docs/operations.md describes.
#
#   sudo SP_HOST=cases.example.org deploy/install.sh            # everything, in order
#   sudo SP_HOST=cases.example.org deploy/install.sh STEP...     # some steps only
#
# Steps: packages user folders app database render enable. Each can run again safely: nothing
# that exists is overwritten (an existing environment file is kept and the new one shown beside
# it). The organisation itself is made afterwards by `sudo safepassage setup ...` (see the
# docs), because it prints the recovery key, which only a person should see.
#
# Settings (environment variables, with their defaults):
#   SP_HOST         the host name staff use (required)
#   SP_ROOT         /srv/safepassage: app/ (code), data/, keys/, backups/
#   SP_USER         safepassage (the service user; SP_GROUP the same)
#   SP_APP_BIND     127.0.0.1:8000, where the application server listens
#   SP_HTTPS_PORT   443, SP_HTTP_PORT 80
#   SP_CERT, SP_CERT_KEY   /etc/letsencrypt/live/$SP_HOST/fullchain.pem and privkey.pem
#   SP_DATABASE_URL postgres://$SP_USER@/$SP_USER (the local socket, no password)
#   SP_ETC          /etc/safepassage; SP_SYSTEMD /etc/systemd/system; SP_BIN /usr/local/bin
#   SP_NGINX_SITES  /etc/nginx/sites-available; SP_NGINX_LOG /var/log/nginx; SP_IPV6 yes
set -eu

SOURCE=$(cd "$(dirname "$0")/.." && pwd)
: "${SP_HOST:?set SP_HOST to the host name staff use, for example cases.example.org}"
SP_ROOT=${SP_ROOT:-/srv/safepassage}
SP_USER=${SP_USER:-safepassage}
SP_GROUP=${SP_GROUP:-$SP_USER}
SP_APP_BIND=${SP_APP_BIND:-127.0.0.1:8000}
SP_HTTPS_PORT=${SP_HTTPS_PORT:-443}
SP_HTTP_PORT=${SP_HTTP_PORT:-80}
SP_CERT=${SP_CERT:-/etc/letsencrypt/live/$SP_HOST/fullchain.pem}
SP_CERT_KEY=${SP_CERT_KEY:-/etc/letsencrypt/live/$SP_HOST/privkey.pem}
SP_DATABASE_URL=${SP_DATABASE_URL:-postgres://$SP_USER@/$SP_USER}
SP_ETC=${SP_ETC:-/etc/safepassage}
SP_SYSTEMD=${SP_SYSTEMD:-/etc/systemd/system}
SP_BIN=${SP_BIN:-/usr/local/bin}
SP_NGINX_SITES=${SP_NGINX_SITES:-/etc/nginx/sites-available}
SP_NGINX_LOG=${SP_NGINX_LOG:-/var/log/nginx}
SP_IPV6=${SP_IPV6:-yes}

if [ "$SP_HTTPS_PORT" = 443 ]; then origin="https://$SP_HOST"; else origin="https://$SP_HOST:$SP_HTTPS_PORT"; fi
if [ "$SP_IPV6" = yes ]; then ipv6=""; else ipv6="#"; fi

say() { printf '== %s\n' "$*"; }

# Fill the @NAMES@ of one file of deploy/ into TARGET (written with MODE).
render_file() {
    template=$1 target=$2 mode=$3
    mkdir -p "$(dirname "$target")"
    sed -e "s|@ROOT@|$SP_ROOT|g" -e "s|@USER@|$SP_USER|g" -e "s|@GROUP@|$SP_GROUP|g" \
        -e "s|@ETC@|$SP_ETC|g" -e "s|@APP_BIND@|$SP_APP_BIND|g" -e "s|@HOST@|$SP_HOST|g" \
        -e "s|@ORIGIN@|$origin|g" -e "s|@HTTPS_PORT@|$SP_HTTPS_PORT|g" \
        -e "s|@HTTP_PORT@|$SP_HTTP_PORT|g" -e "s|@CERT@|$SP_CERT|g" \
        -e "s|@CERT_KEY@|$SP_CERT_KEY|g" -e "s|@NGINX_LOG@|$SP_NGINX_LOG|g" \
        -e "s|@IPV6@|$ipv6|g" -e "s|@DATABASE_URL@|$SP_DATABASE_URL|g" \
        "$SOURCE/deploy/$template" > "$target.new"
    chmod "$mode" "$target.new"
    mv "$target.new" "$target"
}

step_packages() {
    say "Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3 python3-venv make git \
        postgresql nginx fonts-dejavu-core age bubblewrap \
        tesseract-ocr tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-eng tesseract-ocr-fra >/dev/null
}

step_user() {
    say "service user $SP_USER"
    if ! id -u "$SP_USER" >/dev/null 2>&1; then
        adduser --system --group --home "$SP_ROOT" --no-create-home --shell /usr/sbin/nologin "$SP_USER"
    fi
}

step_folders() {
    say "folders under $SP_ROOT (data, keys and backups readable by $SP_USER only)"
    install -d -m 0755 "$SP_ROOT"
    for folder in data keys backups; do
        install -d -m 0700 -o "$SP_USER" -g "$SP_GROUP" "$SP_ROOT/$folder"
    done
    if [ ! -e "$SP_ROOT/keys/secret_key" ]; then
        (umask 077; head -c 48 /dev/urandom | base64 > "$SP_ROOT/keys/secret_key")
        chown "$SP_USER:$SP_GROUP" "$SP_ROOT/keys/secret_key"
    fi
}

step_app() {
    say "application code in $SP_ROOT/app (owned by root, read-only to the service)"
    if [ "$SOURCE" != "$SP_ROOT/app" ]; then
        install -d -m 0755 "$SP_ROOT/app"
        tar -C "$SOURCE" --exclude=./.venv --exclude=./data --exclude=./keys --exclude=./.git \
            -cf - . | tar -C "$SP_ROOT/app" -xf -
    fi
    make -C "$SP_ROOT/app" install PYTHON=python3
}

step_database() {
    say "PostgreSQL role and database $SP_USER"
    if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='$SP_USER'" | grep -q 1; then
        runuser -u postgres -- createuser "$SP_USER"
    fi
    if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='$SP_USER'" | grep -q 1; then
        runuser -u postgres -- createdb -O "$SP_USER" "$SP_USER"
    fi
}

step_render() {
    say "environment file, systemd units, nginx site, the safepassage command"
    install -d -m 0750 -g "$SP_GROUP" "$SP_ETC"
    if [ -e "$SP_ETC/safepassage.env" ]; then
        render_file safepassage.env "$SP_ETC/safepassage.env.dist" 0640
        echo "kept $SP_ETC/safepassage.env; compare it with $SP_ETC/safepassage.env.dist"
    else
        render_file safepassage.env "$SP_ETC/safepassage.env" 0640
    fi
    chgrp "$SP_GROUP" "$SP_ETC"/safepassage.env*
    for unit in "$SOURCE"/deploy/systemd/*; do
        render_file "systemd/$(basename "$unit")" "$SP_SYSTEMD/$(basename "$unit")" 0644
    done
    render_file nginx/safepassage.conf "$SP_NGINX_SITES/safepassage" 0644
    render_file safepassage-admin "$SP_BIN/safepassage" 0755
}

step_enable() {
    say "migrate, then start the server, the safe-copy worker, the timers and the nginx site"
    "$SP_BIN/safepassage" migrate --no-input
    systemctl daemon-reload
    systemctl enable --now safepassage.service safepassage-converter.service
    for timer in "$SP_SYSTEMD"/safepassage-*.timer; do
        systemctl enable --now "$(basename "$timer")"
    done
    ln -sf "$SP_NGINX_SITES/safepassage" /etc/nginx/sites-enabled/safepassage
    # Debian's default site logs every client address: it goes.
    if [ -L /etc/nginx/sites-enabled/default ]; then rm /etc/nginx/sites-enabled/default; fi
    nginx -t
    systemctl reload nginx
    echo "next: sudo safepassage setup --organisation NAME --coordinator EMAIL --url $origin"
    echo "then: sudo safepassage doctor"
}

steps=${*:-packages user folders app database render enable}
for step in $steps; do
    case $step in
        packages|user|folders|app|database|render|enable) "step_$step" ;;
        *) echo "unknown step: $step (steps: packages user folders app database render enable)" >&2; exit 2 ;;
    esac
done

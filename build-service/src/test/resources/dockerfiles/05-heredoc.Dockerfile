# syntax=docker/dockerfile:1.7
# A heredoc: its lines are script, not instructions.
# expect: LL002@7
# expect-final-base: debian:12-slim
# expect-stages: 1
FROM debian:12-slim
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends ca-certificates
RUN this line is inside the heredoc
EOF
COPY <<-"CONFIG" /etc/app.conf
	listen = 8080
	CONFIG
USER nobody
CMD ["/usr/local/bin/app"]

# expect: LL003@7
# expect-final-base: golang:1.23-bookworm
# expect-stages: 1
FROM golang:1.23-bookworm
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/server ./cmd/server
USER 65532
ENTRYPOINT ["/usr/local/bin/server"]

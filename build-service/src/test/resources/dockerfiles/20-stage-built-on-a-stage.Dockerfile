# The final stage builds on an earlier stage; its USER carries over.
# expect:
# expect-final-base: debian:12-slim
# expect-stages: 3
FROM debian:12-slim AS runtime
RUN useradd -r app
USER app
FROM golang:1.23 AS build
COPY . /src
RUN cd /src && go build -o /out/app .
FROM runtime
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]

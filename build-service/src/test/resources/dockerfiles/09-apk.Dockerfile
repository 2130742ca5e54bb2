# expect: LL002@5
# expect-final-base: alpine:3.20
# expect-stages: 1
FROM alpine:3.20
RUN apk add curl tzdata
COPY --chown=1000 app /app
RUN apk add --no-cache bash
USER 1000
ENTRYPOINT ["/app"]

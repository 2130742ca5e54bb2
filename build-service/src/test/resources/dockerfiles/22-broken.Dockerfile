# expect: LL000@4 LL000@7 LL009@5
# expect-final-base: alpine:3.20
# expect-stages: 1
RUN echo before any FROM
FROM alpine:3.20
ENTRYPOINT ["sh"]
RUN <<EOF
echo this heredoc never closes

# expect: LL011@4 LL001@7 LL001@8 LL001@9 LL001@10 LL007@8 LL007@10
# expect-final-base: debian:12-slim
# expect-stages: 1
FROM debian:12-slim
COPY dist/app.tar /tmp/app.tar
RUN tar -xf /tmp/app.tar -C /opt
RUN curl -fsSL https://example.com/tool.tgz -o /tmp/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt
RUN rm /tmp/app.tar
RUN curl -fsSL https://example.com/setup.sh -o /tmp/setup.sh && sh /tmp/setup.sh && rm /tmp/setup.sh
RUN rm -rf /tmp/*
USER 1000
CMD ["/opt/app/bin/run"]

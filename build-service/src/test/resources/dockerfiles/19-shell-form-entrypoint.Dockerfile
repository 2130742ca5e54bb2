# expect: LL010@7
# expect-final-base: eclipse-temurin:17-jre-alpine
# expect-stages: 1
FROM eclipse-temurin:17-jre-alpine
COPY app.jar /app.jar
USER 1000
ENTRYPOINT java -XX:MaxRAMPercentage=75 -jar /app.jar

# expect:
# expect-final-base: eclipse-temurin:21-jre
# expect-stages: 1
ARG JAVA_VERSION=21
ARG VARIANT="jre"
FROM eclipse-temurin:${JAVA_VERSION}-$VARIANT
COPY app.jar /app.jar
USER 1000:1000
CMD ["java", "-jar", "/app.jar"]

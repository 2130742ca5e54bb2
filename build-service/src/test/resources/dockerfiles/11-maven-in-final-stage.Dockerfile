# Single stage: Maven and the JDK ship, the shell is PID 1, it runs as root.
# expect: LL003@8 LL009@5 LL010@9
# expect-final-base: maven:3.9-eclipse-temurin-17
# expect-stages: 1
FROM maven:3.9-eclipse-temurin-17
WORKDIR /app
COPY . .
RUN mvn -B package -DskipTests
CMD java -jar target/app.jar

# syntax=docker/dockerfile:1
# One image for every Pulso process: `api`, `worker`, `db migrate|info|validate|rollback|reapply`.
#   docker build -t pulso-etl:0.1.0 .
#   docker run --rm --env-file .env pulso-etl:0.1.0 db info

# --- build: the fat jar (tests run in CI, not in the image build) ---
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY core/pom.xml core/
COPY worker/pom.xml worker/
COPY api/pom.xml api/
COPY app/pom.xml app/
COPY migrations/ migrations/
COPY core/src/ core/src/
COPY worker/src/ worker/src/
COPY api/src/ api/src/
COPY app/src/ app/src/
# The cache mount keeps downloaded dependencies between builds without putting them in a layer.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package -pl app -am \
    && cp app/target/pulso.jar /pulso.jar

# --- runtime: a JRE, curl for the health checks, an unprivileged user ---
FROM eclipse-temurin:17.0.13_11-jre-jammy
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 pulso \
    && useradd --system --uid 10001 --gid pulso --home-dir /app --shell /usr/sbin/nologin pulso
WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /pulso.jar /app/pulso.jar
USER 10001:10001
EXPOSE 8000 9464
# Container-aware heap sizing; JAVA_TOOL_OPTIONS (PULSO_JAVA_OPTS in compose) adds more. The add-opens lets Arrow
# (the BigQuery Storage Read API's format, BIGQUERY_READ_API) read java.nio buffer addresses on Java 17.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-jar", "/app/pulso.jar"]
CMD ["--help"]

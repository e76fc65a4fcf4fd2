# Redis for docker/compose.yml, FROM scratch: this machine's redis-server and redis-cli (Debian's 7.0.15 here) with
# the libraries they load, gathered by `mvn -B -Pimage package` into target/image/redis-root. No registry is needed.
#   docker build -f docker/redis.Dockerfile -t courier-redis:local .
FROM scratch

COPY target/image/redis-root/ /
# a directory made by COPY --chown belongs to that user: Redis writes its AOF there (a volume starts as a copy of it)
COPY --chown=999:999 target/image/redis-data/ /data/

USER 999:999
WORKDIR /data
VOLUME /data
EXPOSE 6379
HEALTHCHECK --interval=2s --timeout=2s --retries=15 CMD ["/usr/bin/redis-cli", "ping"]
ENTRYPOINT ["/usr/bin/redis-server"]
# AOF on: a task is only as durable as the Redis that holds it
CMD ["--appendonly", "yes", "--dir", "/data", "--protected-mode", "no"]

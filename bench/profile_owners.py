#!/usr/bin/env python3
"""Event-loop samples of a collapsed async-profiler file (`threads` on) by owner: each sample goes to the innermost
frame that marks a step of the request, so JDK, Jackson and Vert.x JSON frames go to the step that called them.
Usage: python3 bench/profile_owners.py out.collapsed"""
import sys, collections
GROUPS = [
 ("access log on the event loop", ["AccessLog", "ch/qos/logback", "dev/courier/log/"]),
 ("JWT verification (auth/)", ["BearerAuthHandler", "JWTAuthProviderImpl", "ClaimsPrincipal", "VerifiedTokens"]),
 ("request validation (ours + networknt + vertx-openapi extraction)", ["RequestValidation", "OperationValidator", "RequestUtils.extract", "CompiledSchemas", "FastSchemas"]),
 ("body to record (ApiRequest.body)", ["ApiRequest.body"]),
 ("task fire: TaskCall, EnvelopeJson, EnvelopeSigner (task/)", ["dev/courier/task/"]),
 ("Redis client and queue (Enqueuer, RedisQueue)", ["dev/courier/queue/", "io/vertx/redis/"]),
 ("reply: ReplyWriter, Jackson", ["ReplyWriter", "OperationInvoker", "dev/courier/example/"]),
 ("RequestIds, vertx-web router, BodyHandler", ["RequestIds", "io/vertx/ext/web/"]),
 ("write(2) of responses and Redis commands", ["__GI_write"]),
 ("Netty and Vert.x HTTP server (the bare server's work)", ["io/netty/", "io/vertx/core/http/", "io/vertx/core/net/", "io/vertx/core/streams/", "__GI_read", "epoll_wait"]),
 ("Vert.x futures and context hops", ["io/vertx/core/impl/", "io/vertx/core/internal/", "io/vertx/core/Promise", "io/vertx/core/Future"]),
]
def owner(frames):
    for f in reversed(frames):
        for g, subs in GROUPS:
            if any(s in f for s in subs):
                return g
    return "other"
c = collections.Counter(); n = 0
for line in open(sys.argv[1]):
    stack, cnt = line.rsplit(" ", 1); cnt = int(cnt); fr = stack.split(";")
    if "vert.x-eventloop" not in fr[0]: continue
    n += cnt; c[owner(fr[1:])] += cnt
print(f"{n} samples")
for g, _ in GROUPS + [("other", [])]:
    print(f"{100*c[g]/n:5.1f}%  {g}")

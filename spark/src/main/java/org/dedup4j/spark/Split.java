package org.dedup4j.spark;

import java.io.Serializable;

/**
 * One task's share of a distributed scan: a part of one file, on window bounds.
 *
 * @param uri the file (any Hadoop file system)
 * @param name the name reports use (the root as given, then the path below it)
 * @param sampleName what percent mode keys the sample by: the name relative to the scan root, as
 *     {@code dedup4j scan} on one machine keys it
 * @param size the file's size when the job was planned
 * @param modified its modification time then (ms)
 * @param start the part's first byte
 * @param end the part's end (exclusive)
 * @param hosts where the part's blocks are stored: its task prefers the hosts of most of its
 *     parts' bytes (Spark's locality)
 */
record Split(String uri, String name, String sampleName, long size, long modified, long start,
    long end, String[] hosts) implements Serializable {}

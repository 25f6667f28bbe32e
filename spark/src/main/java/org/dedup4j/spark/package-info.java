/**
 * dedup4j on Apache Spark: {@link org.dedup4j.spark.Dedup4jSpark} scans data on any Hadoop file
 * system in parts across a cluster, to the report one machine gives; {@link
 * org.dedup4j.spark.Main} is {@code dedup4j scan} for {@code spark-submit}.
 */
package org.dedup4j.spark;

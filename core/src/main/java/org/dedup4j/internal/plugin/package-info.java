/**
 * Finds plugins by name through {@link java.util.ServiceLoader} (filtering providers before they are
 * instantiated) and parses their specs; unknown names and options fail with what is available.
 */
package org.dedup4j.internal.plugin;

/** Hashers beyond the built-in SHA-256. */
package org.dedup4j.hashers;

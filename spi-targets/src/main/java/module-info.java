/** Target plugins for dedup4j: qdda's array models, OpenZFS, and a deduplicating backup store. */
module org.dedup4j.targets {
  requires transitive org.dedup4j.core;

  exports org.dedup4j.targets;

  provides org.dedup4j.spi.TargetProvider with
      org.dedup4j.targets.XtremioX1TargetProvider,
      org.dedup4j.targets.XtremioX2TargetProvider,
      org.dedup4j.targets.VmaxTargetProvider,
      org.dedup4j.targets.PowerMaxTargetProvider,
      org.dedup4j.targets.ArrayTargetProvider,
      org.dedup4j.targets.ZfsTargetProvider,
      org.dedup4j.targets.ResticTargetProvider;
}

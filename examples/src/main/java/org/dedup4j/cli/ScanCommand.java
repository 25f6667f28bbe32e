package org.dedup4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dedup4j.TerminalText;
import org.dedup4j.Compression;
import org.dedup4j.CompressionEstimate;
import org.dedup4j.CompressionSample;
import org.dedup4j.CountingMode;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.ScanPlan;
import org.dedup4j.ScanSource;
import org.dedup4j.TopChunks;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.dedup4j.Skipped;

/**
 * {@code dedup4j scan}: one scan over every path given, duplicates counted across all of them.
 *
 * <p>Standard output carries the result only: the text report ({@link DedupReport#toText()}) or,
 * with {@code --json}, the JSON report alone ({@link DedupReport#toJson()}). Notes, errors and the
 * progress bar go to standard error. When nothing could be read the text report is left out (the
 * reasons are on standard error), while {@code --json} still prints the report, so a script always
 * gets an object to parse; the exit code tells the two apart.
 */
@Command(
    name = "scan",
    description = {
      "Scans files, directories, devices, FIFOs or stdin and reports dedupe ratios.",
      "",
      "Reports how far the data would shrink under deduplication. Duplicates count across all "
          + "paths given; - reads standard input. With --compress, also how far the unique "
          + "chunks would shrink under compression, and the two combined (data reduction ratio)."
    },
    footer = {
      "",
      "Counting modes (docs/estimation.md): exact counts every chunk, spilling sorted runs to the "
          + "temp folder past --memory; sample and sketch estimate within about 2 MiB, with 95%% "
          + "intervals; auto forecasts the exact table's memory and chooses.",
      "",
      "A file named '-' is written ./-. FIFOs and devices named directly are read as streams; "
          + "found inside a directory they are skipped and listed."
    })
final class ScanCommand implements Callable<Integer> {

  /** Seed of the percent mode's sample unless {@code --seed} is given: runs are reproducible. */
  static final long DEFAULT_SEED = 0;

  static final String STDIN = "-";

  private final Streams io;

  @Spec private CommandSpec spec;

  @Option(names = "--chunker", paramLabel = "SPEC", converter = Converters.ChunkerSpec.class,
      defaultValue = org.dedup4j.Chunkers.DEFAULT_SPEC,
      description = "How to cut chunks, e.g. fixed:size=8k (default: ${DEFAULT-VALUE}). "
          + "'dedup4j list' shows every chunker and its options.")
  private Chunker chunker;

  @Option(names = "--hasher", paramLabel = "SPEC", converter = Converters.HasherSpec.class,
      defaultValue = org.dedup4j.Hashers.DEFAULT_SPEC,
      description = "How to fingerprint chunks, e.g. sha256 (default: ${DEFAULT-VALUE}).")
  private Hasher hasher;

  @Option(names = "--percent", paramLabel = "P", converter = Converters.Percent.class,
      description = "Fingerprint only a random P%% of the chunks, 0 < P <= 100 (default: all). "
          + "The report then shows the sample's ratios.")
  private Double percent;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of the --percent sample and of the --compress sample (default: "
          + DEFAULT_SEED + ", so repeated runs pick the same chunks; change it to see how much the "
          + "sample varies).")
  private Long seed;

  @Option(names = "--compress", paramLabel = "SPEC", converter = Converters.CompressionSpec.class,
      description = "Also estimate compression of the unique chunks, and the data reduction ratio "
          + "(dedupe x compression), e.g. zstd:level=3,unit=chunk or lz4:unit=32k,grain=4k. "
          + "Repeatable; the first gives the data reduction ratio. 'dedup4j list' shows the codecs.")
  private List<Compression> compress = new ArrayList<>();

  @Option(names = "--compress-sample", paramLabel = "auto|N|all",
      converter = Converters.CompressSample.class,
      description = "How many unique chunks --compress compresses: auto (sized for +-1%% on the "
          + "stored fraction at 95%%, the default), a number, or all (exact).")
  private CompressionSample compressSample;

  @Mixin private InputOptions input;

  @Mixin private IoOptions ioOptions;

  @Mixin private CheckpointOptions checkpoints;

  @Mixin private JsonOption output;

  @Mixin private ProgressOption progress;

  // ---- Counting modes and summaries (estimation) ----

  @Option(names = "--mode", paramLabel = "exact|sample|sketch|auto", converter = Converters.Mode.class,
      description = "How to count unique chunks: exact (the default; spills to disk past "
          + "--memory), sample (content-based sample in a fixed table: estimates with 95%% "
          + "intervals), sketch (UltraLogLog for unique chunks beside the sample), auto (exact if "
          + "the forecast fits --memory, else sample).")
  private CountingMode mode = CountingMode.EXACT;

  @Option(names = "--memory", paramLabel = "SIZE", converter = Converters.Size.class,
      description = "Memory the exact table may use before it spills sorted runs to the temp "
          + "folder (${sys:java.io.tmpdir}: TMPDIR, else /tmp), at least 1M (default: a third of the Java heap, here ${DEFAULT-VALUE}).")
  private long memory = DedupScanner.defaultMemoryBudget();

  @Option(names = "--max-entries", paramLabel = "N", converter = Converters.MaxEntries.class,
      description = "Capacity of the sample and sketch modes' table, "
          + DedupScanner.MIN_MAX_ENTRIES + ".." + DedupScanner.MAX_MAX_ENTRIES
          + " distinct chunks (default: " + DedupScanner.DEFAULT_MAX_ENTRIES + ", about 2 MiB).")
  private int maxEntries = DedupScanner.DEFAULT_MAX_ENTRIES;

  @Option(names = "--plan",
      description = "Only forecast the memory an exact count needs (reading a quick sample when "
          + "the answer is not obvious) and say which mode auto would choose.")
  private boolean plan;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Also save a summary of the counts, for 'dedup4j merge' (exact: 19 bytes per "
          + "unique chunk; sample and sketch: under 2 MiB).")
  private Path save;

  @Option(names = "--name", paramLabel = "NAME",
      description = "With --save: the data set's name, saved in the summary; 'dedup4j overlap' "
          + "names the set by it (else by the file's name).")
  private String name;

  @Option(names = "--overwrite",
      description = "Let --save replace an existing summary file. Never replaced: anything that "
          + "is not a regular file, and a file the scan reads.")
  private boolean overwrite;

  @Mixin private ScanPaths paths;

  @Option(names = "--set", paramLabel = "NAME=PATH",
      description = "A named data set (repeatable; several paths may share a name; - is standard "
          + "input): the report of everything, then per set its unique, exclusive (what deleting "
          + "it frees) and added bytes (what storing it after the earlier sets adds), and what "
          + "every pair shares; with --compress, the same in stored (compressed) bytes under "
          + "the first. Exact counting, or estimates with 95%% intervals with --mode "
          + "sample; instead of PATH arguments; at most 64 sets.")
  private List<String> sets = new ArrayList<>();

  @Option(names = "--keep", paramLabel = "NAME", split = ",",
      description = "With --set: sets to keep; prints the stored bytes of their union and what "
          + "deleting the others would free.")
  private List<String> keep = new ArrayList<>();

  @Option(names = "--attribute", paramLabel = "file|dir:DEPTH|ext|size",
      description = "Attribute the space to groups of inputs: per file, per directory DEPTH "
          + "levels below each named directory, per extension or per size class. Per group: its "
          + "bytes, its exclusive bytes (distinct chunks no other group references: what deleting "
          + "it frees) and its references to exclusive and to shared chunks. Exact counting; 4 "
          + "bytes more per table entry.")
  private String attribute;

  @Option(names = "--attribute-top", paramLabel = "N",
      description = "Groups listed by each figure with --attribute (default: ${DEFAULT-VALUE}).")
  private int attributeTop = org.dedup4j.Attribution.DEFAULT_TOP;

  @Option(names = "--ncdu", paramLabel = "FILE",
      description = "Write the per-file attribution as an ncdu export (apparent size: the file's "
          + "bytes; disk usage: its exclusive bytes, what deleting it frees), to browse with "
          + "'ncdu -f FILE'. Attributes by file (--attribute file).")
  private Path ncdu;

  @Option(names = "--top-chunks", paramLabel = "N",
      description = "Also list the N most referenced chunks (1.." + TopChunks.MAX_CHUNKS + "): "
          + "references, length, fingerprint (zero chunks named as such) and the first places "
          + "(input, offset) where each occurs. Counts exactly, and reads the data up to once "
          + "more to find the places; not with --set, --save, --percent, --mode sample|sketch, "
          + "standard input or FIFOs.")
  private Integer topChunks;

  @Option(names = "--top-chunks-places", paramLabel = "K",
      description = "With --top-chunks: places listed per chunk, 1.." + TopChunks.MAX_PLACES
          + " (default: " + TopChunks.DEFAULT_PLACES + ").")
  private Integer topChunksPlaces;

  @Option(names = "--target", paramLabel = "SPEC",
      description = "Size the data for a storage system ('dedup4j list' shows the targets, e.g. "
          + "xtremio-x2, zfs:recordsize=128k,compress=lz4): cut with its chunker (instead of "
          + "--chunker), compress a sample of the unique chunks with its codec, and report its "
          + "capacity step by step (logical, thin, deduped, compressed, allocated, net), its ratios "
          + "and its dedup index's memory (docs/targets.md).")
  private String target;

  ScanCommand(Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    PrintStream out = io.out();
    PrintStream err = io.err();
    DedupScanner.Builder b = builder(); // every value checked before anything is read or said
    if (!plan) {
      checkpoints.applyTo(b, err);
    } else if (checkpoints.enabled()) {
      err.println("dedup4j: note: --checkpoint and --resume have no effect with --plan");
    }
    if (save != null && !plan) {
      SaveTarget.check(save, overwrite);
    }
    if (ncdu != null && !plan) {
      SaveTarget.check("--ncdu", "an ncdu export", ncdu, overwrite);
    }
    checkTopChunks(err);
    if (name != null) {
      if (!sets.isEmpty()) {
        throw new Dedup4jCommand.UsageException("--name names the one data set of a --save;"
            + " with --set each set is named by its NAME=PATH");
      }
      if (save == null) {
        throw new Dedup4jCommand.UsageException("--name needs --save FILE (it is saved in the"
            + " summary)");
      }
    }
    if (!sets.isEmpty()) {
      return scanSets(b, out, err);
    }
    if (!keep.isEmpty()) {
      throw new Dedup4jCommand.UsageException("--keep needs --set NAME=PATH (or dedup4j overlap)");
    }
    List<ScanSource> sources = paths.sources(io);
    if (seed != null && percent == null && compress.isEmpty()) {
      err.println("dedup4j: note: --seed has no effect without --percent or --compress");
    }
    if (compressSample != null && compress.isEmpty()) {
      err.println("dedup4j: note: --compress-sample has no effect without --compress");
    }
    for (Compression c : compress) {
      if (!c.isPerChunk() && c.unit() >= chunker.maxChunkSize()) {
        // A deduplicating store compresses what it stores, the unique chunks: never more at once.
        err.println("dedup4j: note: " + c.spec() + ": the unit is not smaller than the largest chunk ("
            + Sizes.format(chunker.maxChunkSize()) + "), so each unique chunk is compressed whole,"
            + " as unit=chunk; 'dedup4j compress' estimates " + Sizes.format(c.unit())
            + " units without dedupe");
      }
    }
    DedupReport report;
    TopChunks top = null;
    if (!plan) {
      Interrupts.install(err);
    }
    try (Progress bar = Progress.create(progress.show(io) && !plan, err, ioOptions.label("scan"), -1)) {
      DedupScanner scanner = b.listener(bar).stopWhen(Interrupts::stopRequested).build();
      if (plan) {
        if (save != null) {
          err.println("dedup4j: note: --save has no effect with --plan (nothing is counted)");
        }
        return printPlan(scanner.plan(sources), out, err);
      }
      try {
        if (topChunks != null) {
          try {
            DedupScanner.TopChunkScan t = scanner.scanTopChunks(sources, topChunks,
                topChunksPlaces == null ? TopChunks.DEFAULT_PLACES : topChunksPlaces);
            report = t.report();
            top = t.topChunks();
          } catch (IOException e) {
            throw new Dedup4jCommand.UsageException("--top-chunks: the count's entries could not"
                + " be read back from their temp file: " + e.getMessage(), e);
          }
        } else if (save != null) {
          try {
            // exact: streams, bounded memory; a bad name is refused before the scan (exit 2)
            report = scanner.summarize(sources, save, name);
          } catch (IOException e) {
            throw new Dedup4jCommand.UsageException("cannot save the summary: "
                + describe(e, save), e);
          }
        } else {
          report = scanner.scan(sources);
        }
      } catch (UncheckedIOException e) {
        // An exact count that could not spill (a full disk): its message says what to do.
        throw new Dedup4jCommand.UsageException(e.getMessage(), e);
      }
    }
    if (ncdu != null && report.attribution() != null && !report.attribution().groups().isEmpty()) {
      writeNcdu(report.attribution());
    }
    // Stopped by SIGINT or SIGTERM: the partial report is printed (and saved), exit 130 or 143.
    int code = top != null ? printTop(report, top, out, err)
        : printAndExit(report, chunker, output.json(), out, err);
    checkpoints.sayWhere(report, err);
    return Interrupts.exitCode(code);
  }

  /**
   * Writes the per-file attribution as an ncdu export, through a temp file beside it moved into
   * place, so that a failed write never leaves half an export. Paths are made absolute (ncdu's
   * tree needs one root; a stream's name becomes a name in the working directory).
   */
  private void writeNcdu(org.dedup4j.Attribution a) {
    List<org.dedup4j.NcduExport.FileUsage> files = new ArrayList<>();
    for (org.dedup4j.Attribution.Group g : a.groups()) {
      files.add(new org.dedup4j.NcduExport.FileUsage(
          Path.of(g.name()).toAbsolutePath().normalize().toString(), g.bytes(),
          g.exclusiveBytes()));
    }
    Path target = ncdu.toAbsolutePath();
    Path tmp = null;
    try {
      tmp = java.nio.file.Files.createTempFile(target.getParent(), ".dedup4j-ncdu-", ".tmp");
      try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(tmp,
          java.nio.charset.StandardCharsets.UTF_8)) {
        org.dedup4j.NcduExport.write(files, w, Dedup4jCommand.Version.version(),
            java.time.Instant.now());
      }
      java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new Dedup4jCommand.UsageException("cannot write the ncdu export: "
          + describe(e, ncdu), e);
    } finally {
      if (tmp != null) {
        try {
          java.nio.file.Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // best effort: a temp file left beside the export
        }
      }
    }
  }

  /** {@code --set NAME=PATH...}: the sets scanned apart, their report and what they share. */
  private int scanSets(DedupScanner.Builder b, PrintStream out, PrintStream err) {
    if (paths.given()) {
      throw new Dedup4jCommand.UsageException("give either PATH arguments or --set NAME=PATH,"
          + " not both");
    }
    if (save != null && !plan) {
      throw new Dedup4jCommand.UsageException("--set with --save is not built yet");
    }
    java.util.LinkedHashMap<String, List<String>> named = new java.util.LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw new Dedup4jCommand.UsageException("--set " + s + ": expected NAME=PATH");
      }
      named.computeIfAbsent(s.substring(0, eq), k -> new ArrayList<>()).add(s.substring(eq + 1));
    }
    List<List<ScanSource>> sources = new ArrayList<>();
    boolean[] stdin = new boolean[1];
    for (List<String> p : named.values()) {
      sources.add(paths.sources(io, p, stdin));
    }
    if (plan) {
      return printSetPlans(b, new ArrayList<>(named.keySet()), sources, out, err);
    }
    Interrupts.install(err);
    DedupScanner.SetScan r;
    try (Progress bar = Progress.create(progress.show(io), err, ioOptions.label("scan"), -1)) {
      DedupScanner scanner = b.listener(bar).stopWhen(Interrupts::stopRequested).build();
      r = scanner.scanSets(new ArrayList<>(named.keySet()), sources, keep);
    } catch (IOException e) {
      throw new Dedup4jCommand.UsageException("the sets' summaries could not be written: "
          + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new Dedup4jCommand.UsageException(e.getMessage(), e);
    }
    DedupReport report = r.report();
    boolean nothingRead = report.bytes() == 0;
    if (output.json()) {
      com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(report.toJson())
          .getAsJsonObject();
      com.google.gson.JsonObject sets = com.google.gson.JsonParser.parseString(
          r.overlap().toJson()).getAsJsonObject();
      o.add("sets", sets.get("sets"));
      o.add("overlap", sets.get("overlap"));
      if (sets.has("keep")) {
        o.add("keep", sets.get("keep"));
      }
      o.add("setCounting", sets.get("setCounting"));
      if (sets.has("setCompression")) {
        o.add("setCompression", sets.get("setCompression"));
      }
      print(new com.google.gson.GsonBuilder().serializeNulls().create().toJson(o)
          + System.lineSeparator(), out);
    } else if (!nothingRead) {
      print(report.toText() + System.lineSeparator() + "Data sets" + System.lineSeparator()
          + r.overlap().toText(), out);
    }
    return Interrupts.exitCode(exitCode(nothingRead, report.files(), report.skipped(),
        report.compressionEstimates(), err, () -> notes(report, chunker.fixedChunkSize(), err)));
  }

  /** Refuses what {@code --top-chunks} cannot be combined with, before anything is read. */
  private void checkTopChunks(PrintStream err) {
    if (topChunks == null) {
      if (topChunksPlaces != null) {
        err.println("dedup4j: note: --top-chunks-places has no effect without --top-chunks");
      }
      return;
    }
    if (topChunks < 1 || topChunks > TopChunks.MAX_CHUNKS) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--top-chunks': "
          + topChunks + " is out of range; allowed 1.." + TopChunks.MAX_CHUNKS);
    }
    if (topChunksPlaces != null && (topChunksPlaces < 1 || topChunksPlaces > TopChunks.MAX_PLACES)) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option"
          + " '--top-chunks-places': " + topChunksPlaces + " is out of range; allowed 1.."
          + TopChunks.MAX_PLACES);
    }
    if (!sets.isEmpty()) {
      throw new Dedup4jCommand.UsageException("--top-chunks with --set is not built yet; scan a"
          + " set's paths with --top-chunks instead");
    }
    if (save != null) {
      throw new Dedup4jCommand.UsageException("--top-chunks with --save is not built yet; save"
          + " the summary in a scan of its own");
    }
    if (mode == CountingMode.SAMPLE || mode == CountingMode.SKETCH) {
      throw new Dedup4jCommand.UsageException("--top-chunks counts exactly: a " + mode.label()
          + " count keeps only some distinct chunks, and the most referenced may not be among"
          + " them; drop --mode " + mode.label());
    }
    if (percent != null) {
      throw new Dedup4jCommand.UsageException("--top-chunks counts every chunk, and --percent"
          + " fingerprints only a sample of them; drop --percent");
    }
    if (plan) {
      err.println("dedup4j: note: --top-chunks has no effect with --plan (nothing is counted)");
    }
  }

  /** The report and the top chunks after it (JSON: a {@code topChunks} array beside its fields). */
  private int printTop(DedupReport report, TopChunks top, PrintStream out, PrintStream err) {
    boolean nothingRead = report.bytes() == 0;
    if (output.json()) {
      com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(report.toJson())
          .getAsJsonObject();
      o.add("topChunks", com.google.gson.JsonParser.parseString(top.toJson()).getAsJsonObject()
          .get("chunks"));
      print(new com.google.gson.GsonBuilder().serializeNulls().create().toJson(o)
          + System.lineSeparator(), out);
    } else if (!nothingRead) {
      print(report.toText() + System.lineSeparator() + top.toText(), out);
    }
    return exitCode(nothingRead, report.files(), report.skipped(), report.compressionEstimates(),
        err, () -> notes(report, chunker.fixedChunkSize(), err));
  }

  /** A builder with every option set; a value the library refuses is a usage error naming it. */
  private DedupScanner.Builder builder() {
    DedupScanner.Builder b = DedupScanner.builder().chunker(chunker).hasher(hasher).counting(mode);
    input.applyTo(b);
    ioOptions.applyTo(b);
    Converters.check(spec, "--memory", () -> b.memoryBudget(memory));
    Converters.check(spec, "--max-entries", () -> b.maxEntries(maxEntries));
    long sampleSeed = seed == null ? DEFAULT_SEED : seed;
    if (percent != null) {
      Converters.check(spec, "--percent", () -> b.samplePercent(percent, sampleSeed));
    }
    if (ncdu != null && attribute == null) {
      attribute = "file";
    }
    if (ncdu != null && !org.dedup4j.Attribution.By.parse(attribute).label().equals("file")) {
      throw new Dedup4jCommand.UsageException("--ncdu writes per-file figures: use it with"
          + " --attribute file (or without --attribute), not --attribute " + attribute);
    }
    if (target != null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--chunker")) {
        throw new Dedup4jCommand.UsageException("--target " + target + " decides the chunker;"
            + " drop --chunker");
      }
      Converters.check(spec, "--target", () -> b.target(org.dedup4j.Targets.fromSpec(target)));
      chunker = b.build().chunker(); // the target's, for the notes after the report
    }
    if (attribute != null) {
      Converters.check(spec, "--attribute",
          () -> b.attribute(org.dedup4j.Attribution.By.parse(attribute)));
      Converters.check(spec, "--attribute-top",
          () -> b.attribute(org.dedup4j.Attribution.By.parse(attribute).listing(attributeTop)));
    }
    if (!compress.isEmpty()) {
      b.compress(compress.toArray(new Compression[0]))
          .compressSample((compressSample == null ? CompressionSample.auto() : compressSample)
              .seed(sampleSeed));
    }
    return b;
  }

  /**
   * {@code --set ... --plan}: each set's forecast. Sets are scanned one at a time, so the table's
   * peak is the largest set's; each set's entries then wait in a temp file (19 bytes per distinct
   * chunk) until the merge.
   */
  private int printSetPlans(DedupScanner.Builder b, List<String> names,
      List<List<ScanSource>> sources, PrintStream out, PrintStream err) {
    DedupScanner scanner = b.build();
    List<ScanPlan> plans = new ArrayList<>();
    for (List<ScanSource> set : sources) {
      plans.add(scanner.plan(set));
    }
    long peak = plans.stream().mapToLong(ScanPlan::exactMemoryHighBytes).max().orElse(0);
    double temp = plans.stream().mapToDouble(p -> 19 * p.uniqueChunks().high()).sum();
    if (output.json()) {
      com.google.gson.JsonObject o = new com.google.gson.JsonObject();
      com.google.gson.JsonArray a = new com.google.gson.JsonArray();
      for (int i = 0; i < plans.size(); i++) {
        com.google.gson.JsonObject set = new com.google.gson.JsonObject();
        set.addProperty("name", names.get(i));
        set.add("plan", com.google.gson.JsonParser.parseString(plans.get(i).toJson()));
        a.add(set);
      }
      o.add("sets", a);
      o.addProperty("peakTableBytesHigh", peak);
      o.addProperty("tempFileBytesHigh", Math.round(temp));
      print(new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o)
          + System.lineSeparator(), out);
    } else {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < plans.size(); i++) {
        sb.append("Set ").append(names.get(i)).append(System.lineSeparator())
            .append(plans.get(i).toText()).append(System.lineSeparator());
      }
      sb.append(String.format(java.util.Locale.ROOT, "Sets are scanned one at a time: the table"
          + " peaks at the largest set's, at most %s; their entries wait in temp files of at most"
          + " %s (19 bytes per distinct chunk) until the merge.%n", Sizes.format(peak),
          Sizes.format(Math.round(temp))));
      print(sb.toString(), out);
    }
    boolean nothing = plans.stream().allMatch(p -> p.bytes() == 0);
    List<org.dedup4j.Skipped> skipped = plans.stream().flatMap(p -> p.skipped().stream()).toList();
    return exitCode(nothing, plans.stream().mapToLong(ScanPlan::files).sum(), skipped, List.of(),
        err, () -> { });
  }

  /** Prints the plan; inputs that cannot be read are said and set the exit code as a scan would. */
  private int printPlan(ScanPlan p, PrintStream out, PrintStream err) {
    boolean nothing = p.bytes() == 0;
    if (!nothing) { // the text plan has no list of its own: name what the scan would miss
      p.skipped().forEach(x -> err.println("dedup4j: " + TerminalText.escape(x.path()) + ": "
          + TerminalText.escape(x.reason())));
    }
    print(output.json() ? p.toJson() + System.lineSeparator() : nothing ? "" : p.toText(), out);
    return exitCode(nothing, p.files(), p.skipped(), List.of(), err, () -> { });
  }

  /** An I/O failure on a named file, in words. */
  static String describe(IOException e, Path file) {
    if (e instanceof NoSuchFileException) {
      return file + ": no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return file + ": permission denied";
    }
    String m = e.getMessage();
    return m != null && m.startsWith(file.toString()) ? m : file + ": " + m;
  }

  /**
   * Prints a report and its notes and decides the exit code: the scan's part shared by {@code scan}
   * and anything else that scans.
   */
  static int printAndExit(
      DedupReport report, Chunker chunker, boolean json, PrintStream out, PrintStream err) {
    return printAndExit(report, chunker.fixedChunkSize(), json, out, err);
  }

  /** As above, with the fixed chunk size (0 for content-defined chunking) for the notes. */
  static int printAndExit(
      DedupReport report, int block, boolean json, PrintStream out, PrintStream err) {
    boolean nothingRead = report.bytes() == 0;
    print(json ? report.toJson() + System.lineSeparator() : nothingRead ? "" : report.toText(), out);
    return exitCode(nothingRead, report.files(), report.skipped(), report.compressionEstimates(), err,
        () -> notes(report, block, err));
  }

  /** Prints the result and flushes, so that it stands before any message on standard error. */
  static void print(String result, PrintStream out) {
    out.print(result);
    out.flush();
  }

  /**
   * The exit code once a report is printed, with its messages on standard error: 2 when nothing
   * was read (and why), else the {@code notes}, the codecs that failed on some units and the
   * inputs left out; 1 when some data is missing from the counts or a codec failed, else 0.
   */
  static int exitCode(boolean nothingRead, long files, List<Skipped> skipped,
      List<CompressionEstimate> compression, PrintStream err, Runnable notes) {
    if (nothingRead) {
      nothingRead(files, skipped, err);
      return Dedup4jCommand.USAGE;
    }
    notes.run();
    int failedUnits = CompressCommand.failedUnits(compression, err);
    boolean failed = inputTroubles(skipped, err);
    return failed || failedUnits > 0 ? Dedup4jCommand.SKIPPED : Dedup4jCommand.OK;
  }

  /** Says on standard error, when nothing was read, which inputs were skipped and why nothing. */
  static void nothingRead(long files, List<Skipped> skipped, PrintStream err) {
    for (Skipped s : skipped) {
      err.println("dedup4j: " + TerminalText.escape(s.path()) + ": "
          + TerminalText.escape(s.reason()));
    }
    String why;
    if (!skipped.isEmpty() && files == 0) {
      why = skipped.size() == 1
          ? TerminalText.escape(skipped.get(0).path()) + " was skipped"
          : "all " + skipped.size() + " inputs found were skipped";
    } else if (files == 0) {
      why = "no files found";
    } else {
      why = files == 1 ? "the input is empty (0 bytes)" : "every input is empty (0 bytes)";
    }
    err.println("dedup4j: nothing read: " + why);
  }

  /**
   * Says on standard error how many inputs were left out by rule and how many failed; returns
   * whether any failed (data missing from the counts).
   */
  static boolean inputTroubles(List<Skipped> skipped, PrintStream err) {
    long failed = skipped.stream().filter(Skipped::failed).count();
    long limited = skipped.stream().filter(s -> s.kind() == Skipped.Kind.LIMITED).count();
    long excluded = skipped.size() - failed - limited;
    if (limited > 0) {
      err.println("dedup4j: " + limited + (limited == 1 ? " stream was" : " streams were")
          + " stopped at --max-bytes (listed in the report)");
    }
    if (excluded > 0) {
      err.println("dedup4j: " + excluded + (excluded == 1 ? " path was" : " paths were")
          + " left out by rule, no data lost (links not followed, files reached twice, special"
          + " files in directories; listed in the report)");
    }
    if (failed > 0) {
      err.println("dedup4j: " + failed + (failed == 1 ? " input was" : " inputs were")
          + " not read or read only in part (listed in the report)");
    }
    return failed > 0;
  }

  private static void notes(DedupReport r, int block, PrintStream err) {
    // One input whose size is not a multiple of the block: say how its tail was counted. (In a
    // tree of many files short last blocks are the rule, and the note would only be noise.)
    if (block > 0 && r.files() == 1 && r.chunks() * block != r.bytes()) {
      if (r.chunks() == 1) {
        err.println("dedup4j: note: the input (" + Sizes.format(r.bytes()) + ") is shorter than "
            + "one " + Sizes.format(block) + " block; it counts as one short block");
      } else {
        err.println("dedup4j: note: the input's size is not a multiple of " + Sizes.format(block)
            + ": its last block is " + (r.bytes() - (r.chunks() - 1) * block) + " bytes and "
            + "counts as a block of its own length");
      }
    }
    if (r.isSampled() && r.sampledChunks() == 0) {
      err.println("dedup4j: note: the " + r.samplePercent() + "% sample holds no chunk; "
          + "raise --percent");
    }
  }
}

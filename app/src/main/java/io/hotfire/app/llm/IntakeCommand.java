package io.hotfire.app.llm;

import io.hotfire.domain.DataFileException;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.llm.intake.IntakeScore;
import io.hotfire.llm.intake.LabelledNotesLoader;
import io.hotfire.llm.intake.LabelledNotesLoader.Labelled;
import io.hotfire.llm.intake.OfflineIntake;
import io.hotfire.llm.vocabulary.Vocabulary;
import io.hotfire.llm.vocabulary.VocabularyLoader;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.pipeline.cli.DomainOptions;
import io.hotfire.pipeline.cli.HelpOption;
import io.hotfire.rules.engine.RuleCompilationException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotfire intake FILE...}: how well the domain's offline note intake codes labelled notes, as the server
 * runs it. A domain author writes notes in the format of {@code <domain>/intake/*.yaml} and gets precision and
 * recall of the (code, present) pairs per file and pooled ({@link IntakeScore}), with no Java and no server. The
 * clause classifier learns from the domain's {@code intake/} folder less every file scored, so a file of that
 * folder is scored out of sample, and a file from elsewhere (a held-out set) against what the server learns.
 */
@Command(name = "intake", header = "score the domain's note intake on labelled notes", sortOptions = false,
        description = {"Code every note of the labelled files (the format of <domain>/intake/*.yaml: id, text, optional"
                + " runTime, expected {code, present}) with the offline intake as the server runs it, and print precision and"
                + " recall of the (code, present) pairs per file and pooled. The clause classifier learns from the domain's"
                + " intake/ folder less the files scored, so a file of that folder is scored out of sample.",
                "Keep a held-out set blind: score it without --misses, and tune on nothing it shows."})
public final class IntakeCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Mixin
    DomainOptions domain = new DomainOptions();

    @Option(names = "--matcher-only", description = "the vocabulary matcher alone, no classifier (as hotfire.llm.intake-learning=false)")
    boolean matcherOnly;

    @Option(names = "--misses", description = "also print every false positive (with its quote) and every missed observation")
    boolean misses;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "labelled note files (YAML)")
    List<Path> files = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    public IntakeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        DomainCatalog.Domain d;
        DiagnosisEngine engine;
        try {
            d = domain.domain();
            engine = DiagnosisEngine.load(d);
        } catch (IllegalArgumentException | ProfileException | RuleCompilationException e) {
            err.println("intake: " + e.getMessage());
            return 2;
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                err.println("intake: " + f + ": no such file");
                return 2;
            }
        }
        try {
            Vocabulary vocabulary = DomainWords.vocabulary(engine, d.folder()).orElse(null);
            if (vocabulary == null) {
                err.println("intake: engine domain '" + domain.engine() + "' has no " + VocabularyLoader.FILE_NAME
                        + ", so notes cannot be coded");
                return 1;
            }
            List<List<Labelled>> scored = new ArrayList<>();
            for (Path f : files) {
                scored.add(LabelledNotesLoader.loadLabelled(f, vocabulary));
            }
            OfflineIntake intake = intake(d.folder(), vocabulary, DomainWords.sensors(engine));
            print(scored, intake);
            return 0;
        } catch (DataFileException e) {
            err.println("intake: " + e.getMessage());
            return 1;
        }
    }

    private OfflineIntake intake(Path domainFolder, Vocabulary vocabulary, Set<String> sensors) {
        OfflineIntake matcher = OfflineIntake.withBundledModel(vocabulary, sensors);
        if (matcherOnly) {
            err.println("intake " + domain.engine() + ": the vocabulary matcher alone (--matcher-only)");
            return matcher;
        }
        Set<Path> scored = new HashSet<>();
        files.forEach(f -> scored.add(real(f)));
        List<Path> left = new ArrayList<>();
        List<Labelled> training = LabelledNotesLoader.loadLabelledFromDomain(domainFolder, vocabulary, f -> {
            boolean out = scored.contains(real(f));
            if (out) {
                left.add(f);
            }
            return out;
        });
        if (training.isEmpty()) {
            err.println("intake " + domain.engine() + ": no labelled notes to learn from in "
                    + domainFolder.resolve(LabelledNotesLoader.FOLDER) + " (less the files scored): the vocabulary matcher alone");
            return matcher;
        }
        long start = System.nanoTime();
        OfflineIntake learned = matcher.learnFrom(LabelledNotesLoader.training(training));
        err.printf(Locale.ROOT, "intake %s: classifier trained on %d labelled notes of %s in %.1f s%s%n", domain.engine(),
                training.size(), domainFolder.resolve(LabelledNotesLoader.FOLDER), (System.nanoTime() - start) / 1e9,
                left.isEmpty() ? "" : " (left out, being scored: " + left.stream().map(p -> p.getFileName().toString())
                        .collect(Collectors.joining(", ")) + ")");
        return learned;
    }

    private void print(List<List<Labelled>> scored, OfflineIntake intake) {
        int width = Math.max("pooled".length(), files.stream().mapToInt(f -> f.toString().length()).max().orElse(0));
        String row = "%-" + width + "s %6s %9s %7s %5s %5s %5s%n";
        out.printf(Locale.ROOT, row, "file", "notes", "precision", "recall", "TP", "FP", "FN");
        IntakeScore pooled = IntakeScore.NONE;
        for (int i = 0; i < files.size(); i++) {
            IntakeScore s = IntakeScore.of(scored.get(i), intake::extract);
            line(row, files.get(i).toString(), s);
            if (misses) {
                s.misses().forEach(m -> out.println("  " + m));
            }
            pooled = pooled.plus(s);
        }
        if (files.size() > 1) {
            line(row, "pooled", pooled);
        }
    }

    private void line(String row, String name, IntakeScore s) {
        out.printf(Locale.ROOT, row, name, s.notes(), String.format(Locale.ROOT, "%.3f", s.precision()),
                String.format(Locale.ROOT, "%.3f", s.recall()), s.truePositives(), s.falsePositives(), s.falseNegatives());
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

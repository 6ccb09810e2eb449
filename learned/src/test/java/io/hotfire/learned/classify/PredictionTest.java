package io.hotfire.learned.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.feature.Phase;
import io.hotfire.learned.Synthetic;
import io.hotfire.learned.feature.Standardizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PredictionTest {

    @Test
    void anAbstentionClassOnTopIsNoFaultAnswer() {
        Prediction instrument = new Prediction(true, 12.0, List.of(new CodeProbability("INSTRUMENT", 0.95),
                new CodeProbability("LOX_LINE_LEAK", 0.05)), Set.of("INSTRUMENT"));
        assertThat(instrument.fault()).isFalse();
        assertThat(instrument.abstains()).isTrue();

        Prediction leak = new Prediction(true, 12.0, List.of(new CodeProbability("LOX_LINE_LEAK", 0.95),
                new CodeProbability("INSTRUMENT", 0.05)), Set.of("INSTRUMENT"));
        assertThat(leak.fault()).isTrue();
        assertThat(leak.abstains()).isFalse();

        Prediction nominal = new Prediction(true, 12.0, List.of(new CodeProbability(Prediction.NOMINAL, 0.9),
                new CodeProbability("INSTRUMENT", 0.1)), Set.of("INSTRUMENT"));
        assertThat(nominal.fault()).isFalse();
        assertThat(nominal.abstains()).isFalse();
        // Without abstention classes a class of that name would be an answer like any other.
        assertThat(new Prediction(true, 12.0, instrument.ranked()).fault()).isTrue();
    }

    @Test
    void theClassifierMarksItsAbstentionClassesAndIgnoresNamesItWasNotTrainedOn() {
        // Two inputs, three classes: S0 high → INSTRUMENT, S1 high → LEAK, neither → NOMINAL.
        SoftmaxRegression reg = new SoftmaxRegression(new double[][] {{0, 0}, {10, 0}, {0, 10}}, new double[] {0, -5, -5});
        Standardizer std = Standardizer.fit(new double[][] {{-0.01, -0.01}, {0.01, 0.01}, {0, 0}}, 2);
        PatternClassifier c = new PatternClassifier(Phase.MAINSTAGE, Synthetic.relMeans(2), false, std,
                List.of(Prediction.NOMINAL, "INSTRUMENT", "LEAK"), reg, Set.of("INSTRUMENT", "NEVER_TRAINED"));
        assertThat(c.abstentions()).containsExactly("INSTRUMENT");
        Prediction sensor = c.predict(Synthetic.window(12.0, 0.85, Map.of("S0", 0.05, "S1", 0.0)));
        assertThat(sensor.best().code()).isEqualTo("INSTRUMENT");
        assertThat(sensor.abstains()).isTrue();
        assertThat(sensor.fault()).isFalse();
        Prediction leak = c.predict(Synthetic.window(12.0, 0.85, Map.of("S0", 0.0, "S1", 0.05)));
        assertThat(leak.best().code()).isEqualTo("LEAK");
        assertThat(leak.fault()).isTrue();
    }
}

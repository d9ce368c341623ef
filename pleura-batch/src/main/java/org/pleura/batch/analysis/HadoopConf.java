package org.pleura.batch.analysis;

import org.apache.hadoop.conf.Configuration;

/** One Hadoop configuration per executor JVM (from the environment's Hadoop settings), for reading inputs. */
final class HadoopConf {

    private static Configuration conf;

    private HadoopConf() {
    }

    static synchronized Configuration get() {
        if (conf == null) {
            conf = new Configuration();
        }
        return conf;
    }
}

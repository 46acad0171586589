#!/usr/bin/env node
/*
 * memoryChild: in a fresh process, loads the corpus and ONE contender, transforms the whole corpus
 * (every file, then the one-file corpus) and prints the peak RSS (process.resourceUsage().maxRSS)
 * before and after, so each contender's footprint is measured alone.
 * Must never: load a second contender.
 *
 * stdin: { id, quick }
 */
'use strict';
const fs = require('fs');
const { loadCorpus } = require('./corpus');
const { createTransformers } = require('./transformers');

const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const corpus = loadCorpus({ quick: job.quick });
const { transformers } = createTransformers({ ours: job.id === 'ours' });
const transformer = transformers.find((candidate) => candidate.id === job.id);
if (!transformer) throw new Error('unknown contender ' + job.id);
const startKb = process.resourceUsage().maxRSS;
const start = process.hrtime.bigint();
let bytes = 0;
for (const file of [...corpus.perFile, corpus.oneFile]) bytes += transformer.transform(file.code, file.name).length;
const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ startKb, peakKb: process.resourceUsage().maxRSS, heapUsed: process.memoryUsage().heapUsed, elapsedMs, bytes }) + '\n');

#!/usr/bin/env node
import { runCli } from '../dist/bundle/main.js';

runCli();

"""The resident simulator: whole conversations, typed the way real residents type,
played against a running assistant over its REST channel and judged by their outcome.

phrases    the residents' words (phrase files)        scenarios  their stories, as facts
oracle     Barnet's rules, the judge's own            questions  what the assistant asks (all its wording)
resident   what a resident types next                 runner     playing conversations over REST
judge      right or wrong, and why                    report     the figures

Run: python -m bench.residents --help
"""

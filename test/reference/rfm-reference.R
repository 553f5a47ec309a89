# Independent reference for `prospect rfm`: the algorithm of R package rfm 0.3.0
# (rfm_table_order, bins(), bins_lower(), bins_upper(), rfm_segment) restated in base R, so that it
# runs where the package cannot be installed. Usage:
#   Rscript test/reference/rfm-reference.R fixtures/rfm-orders.csv 2026-06-30
# Prints one line per client: id, recency_days, transaction_count, amount, R, F, M, segment.
args <- commandArgs(trailingOnly = TRUE)
orders <- read.csv(args[1], stringsAsFactors = FALSE)
analysis_date <- as.Date(args[2])
orders$order_date <- as.Date(orders$order_date)
orders <- orders[orders$order_date <= analysis_date, ]
ids <- sort(unique(orders$client_id))
last <- as.Date(sapply(ids, function(i) max(orders$order_date[orders$client_id == i])), origin = "1970-01-01")
result <- data.frame(
  customer_id = ids,
  recency_days = as.numeric(analysis_date - last),
  transaction_count = sapply(ids, function(i) sum(orders$client_id == i)),
  amount = sapply(ids, function(i) sum(orders$amount[orders$client_id == i]))
)
bins <- function(x, n) unname(quantile(x, probs = seq(0, 1, length.out = n + 1)))[c(-1, -(n + 1))] + 1
score <- function(x, n, reverse) {
  b <- bins(x, n)
  lower <- c(min(x), b)
  upper <- c(b, max(x) + 1)
  s <- rep(NA, length(x))
  sc <- if (reverse) rev(seq_len(n)) else seq_len(n)
  for (i in seq_len(n)) s[x >= lower[i] & x < upper[i]] <- sc[i]
  s
}
result$r <- score(result$recency_days, 5, TRUE)
result$f <- score(result$transaction_count, 5, FALSE)
result$m <- score(result$amount, 5, FALSE)
segment_names <- c("Champions", "Potential Loyalist", "Loyal Customers", "Promising", "New Customers",
                   "Can't Lose Them", "At Risk", "Need Attention", "About To Sleep", "Lost")
rl <- c(5, 3, 2, 3, 4, 1, 1, 1, 2, 1); ru <- c(5, 5, 4, 4, 5, 2, 2, 3, 3, 1)
fl <- c(5, 3, 2, 1, 1, 3, 2, 3, 1, 1); fu <- c(5, 5, 4, 3, 3, 4, 5, 5, 3, 5)
ml <- c(5, 2, 2, 3, 1, 4, 4, 3, 1, 1); mu <- c(5, 5, 4, 5, 5, 5, 5, 5, 4, 5)
result$segment <- 1
for (i in seq_along(segment_names)) {
  hit <- result$r >= rl[i] & result$r <= ru[i] & result$f >= fl[i] & result$f <= fu[i] &
    result$m >= ml[i] & result$m <= mu[i] & !(result$segment %in% segment_names)
  result$segment[hit] <- segment_names[i]
}
result$segment[result$segment == 1] <- "Others"
write.csv(result, stdout(), row.names = FALSE)

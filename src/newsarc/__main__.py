from newsarc.cli import main

main()
